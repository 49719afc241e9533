import torch
from torch import nn

torch.manual_seed(0)

vocab = ["h", "e", "l", "o"]
words = ["hello", "eolll", "lleel"]
ids = torch.tensor([[vocab.index(ch) for ch in word] for word in words])
x = torch.eye(4)[ids]  # (N, L, H_in)

rnn = nn.RNN(4, 2)  # default layout (L, N, H_in)
rnn_bf = nn.RNN(4, 2, batch_first=True)
rnn_bf.load_state_dict(rnn.state_dict())  # same weights, only the layout differs

with torch.no_grad():
    out_bf, h_bf = rnn_bf(x)  # fix 1: say the batch comes first
    out_t, h_t = rnn(x.transpose(0, 1))  # fix 2: move time to the front

print("batch_first output:", out_bf.shape, " h_n:", h_bf.shape)
print("transposed  output:", out_t.shape, " h_n:", h_t.shape)
print("same outputs:", torch.allclose(out_bf, out_t.transpose(0, 1), atol=1e-6))
print("same h_n:    ", torch.allclose(h_bf, h_t, atol=1e-6))
# The same move, written with permute: the very same tensor.
print("permute == transpose:", torch.equal(x.permute(1, 0, 2), x.transpose(0, 1)))
