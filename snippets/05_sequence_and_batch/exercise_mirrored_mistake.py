import torch
from torch import nn

torch.manual_seed(0)

vocab = ["h", "e", "l", "o"]
words = ["hello", "eolll", "lleel"]
ids = torch.tensor([[vocab.index(ch) for ch in word] for word in words])
x_time_major = torch.eye(4)[ids].transpose(0, 1)  # (L, N, H_in) = (5, 3, 4)

rnn = nn.RNN(4, 2, batch_first=True)  # but told that the batch comes first
with torch.no_grad():
    output, h_n = rnn(x_time_major)
print("output:", tuple(output.shape), " h_n:", tuple(h_n.shape))

# batch_first reads sequence n as x_time_major[n]: every word's letter n + 1.
letters = x_time_major.argmax(-1)
ran = ["".join(vocab[i] for i in letters[n].tolist()) for n in range(5)]
print("sequences that ran:", ran)
