import torch
from torch import nn
from torch.nn.utils.rnn import pad_sequence

torch.manual_seed(0)

vocab = ["h", "e", "l", "o"]
words = ["he", "hello", "hole"]
seqs = [torch.eye(4)[[vocab.index(ch) for ch in word]] for word in words]
padded = pad_sequence(seqs, batch_first=True)  # (3, 5, 4)

rnn = nn.RNN(4, 2, batch_first=True)
with torch.no_grad():
    _, h_alone = rnn(seqs[0])  # "he" on its own: 2 steps
    output, h_n = rnn(padded)  # "he" in the batch: 2 letters + 3 zero steps

print("h_n of 'he' alone:     ", h_alone[0])
print("h_n of 'he' in a batch:", h_n[0, 0])
print("equal:", torch.allclose(h_alone[0], h_n[0, 0], atol=1e-6))
print("output at step 2 equal:", torch.allclose(h_alone[0], output[0, 1], atol=1e-6))
