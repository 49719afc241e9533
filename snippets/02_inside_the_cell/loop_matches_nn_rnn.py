import torch
from torch import nn

torch.manual_seed(0)
L, N, H_in, H = 5, 2, 3, 4
rnn = nn.RNN(H_in, H)
x = torch.randn(L, N, H_in)

W_ih, W_hh = rnn.weight_ih_l0, rnn.weight_hh_l0
b_ih, b_hh = rnn.bias_ih_l0, rnn.bias_hh_l0

with torch.no_grad():
    output, h_n = rnn(x)

    h = torch.zeros(N, H)  # h_0: one row per sequence in the batch
    states = []
    for t in range(L):
        h = torch.tanh(x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
        states.append(h)
    by_loop = torch.stack(states)  # (L, N, H), like output

print("output:", tuple(output.shape), " loop:", tuple(by_loop.shape))
print("loop equals output:", torch.allclose(by_loop, output, atol=1e-6))
print("last state equals h_n:", torch.allclose(h, h_n[0], atol=1e-6))
