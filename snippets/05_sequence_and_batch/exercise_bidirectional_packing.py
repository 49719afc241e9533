import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence

torch.manual_seed(0)

vocab = ["h", "e", "l", "o"]
words = ["he", "hello", "hole"]
seqs = [torch.eye(4)[[vocab.index(ch) for ch in word]] for word in words]
padded, lengths = pad_sequence(seqs, batch_first=True), torch.tensor([2, 5, 4])

H = 2
rnn = nn.RNN(4, H, batch_first=True, bidirectional=True)
with torch.no_grad():
    _, h_alone = rnn(seqs[0])  # "he" alone: [0] forward, [1] backward
    output, _ = rnn(padded)  # output[..., :H] forward, output[..., H:] backward
    packed = pack_padded_sequence(padded, lengths, batch_first=True,
                                  enforce_sorted=False)
    _, h_packed = rnn(packed)

# Read at the right steps: forward ends at step 2, backward at step 1.
print("padded, forward at step 2: ",
      torch.allclose(output[0, 1, :H], h_alone[0], atol=1e-6))
print("padded, backward at step 1:",
      torch.allclose(output[0, 0, H:], h_alone[1], atol=1e-6))
print("packed h_n, both directions:",
      torch.allclose(h_packed[:, 0], h_alone, atol=1e-6))
