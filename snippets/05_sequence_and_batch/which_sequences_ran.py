import torch
from torch import nn

torch.manual_seed(0)

vocab = ["h", "e", "l", "o"]
words = ["hello", "eolll", "lleel"]
ids = torch.tensor([[vocab.index(ch) for ch in word] for word in words])
x = torch.eye(4)[ids]  # (3, 5, 4)

rnn = nn.RNN(4, 2)
with torch.no_grad():
    outputs, h_n = rnn(x)

# The default layout is (L, N, H_in): sequence n is the column x[:, n].
letters = x.argmax(-1)  # (L, N) letter indices
ran = ["".join(vocab[i] for i in letters[:, n].tolist()) for n in range(5)]
print("sequences that ran:", ran)

with torch.no_grad():
    alone = [rnn(x[:, n])[0] for n in range(5)]  # each column, unbatched
print("outputs[:, n] is column n run alone:",
      all(torch.allclose(outputs[:, n], alone[n], atol=1e-6) for n in range(5)))
print("outputs[:, 2] equals outputs[:, 3]:",
      torch.allclose(outputs[:, 2], outputs[:, 3], atol=1e-6))
