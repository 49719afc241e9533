import torch
from torch import nn
from torch.nn.utils.rnn import pad_sequence

torch.manual_seed(0)

vocab = ["h", "e", "l", "o"]
words = ["hell", "lo", "hole", "eel", "hello"]
seqs = [torch.eye(4)[[vocab.index(ch) for ch in word]] for word in words]
padded = pad_sequence(seqs, batch_first=True)
lengths = torch.tensor([len(word) for word in words])

rnn = nn.RNN(4, 3, batch_first=True)
with torch.no_grad():
    output, _ = rnn(padded)
    last = output[torch.arange(len(words)), lengths - 1]  # (N, H)
    for word, seq, vec in zip(words, seqs, last):
        same = torch.allclose(vec, rnn(seq)[1][0], atol=1e-6)
        print(f"{word:6} last real output {vec}  == alone:", same)
