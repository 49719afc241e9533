import torch
from torch import nn

torch.manual_seed(0)
L, N, H_in, H = 5, 2, 3, 4
gru = nn.GRU(H_in, H)
x = torch.randn(L, N, H_in)
W_ih, W_hh = gru.weight_ih_l0, gru.weight_hh_l0
b_ih, b_hh = gru.bias_ih_l0, gru.bias_hh_l0
W_hn, b_hn = W_hh.chunk(3)[2], b_hh.chunk(3)[2]  # the rows of the new gate n


def gru_loop(reset_after_product):
    h, states = torch.zeros(N, H), []
    for t in range(L):
        # The products stay apart, so that r can scale the recurrent part of n alone.
        xr, xz, xn = (x[t] @ W_ih.T + b_ih).chunk(3, dim=1)
        hr, hz, hn = (h @ W_hh.T + b_hh).chunk(3, dim=1)
        r, z = torch.sigmoid(xr + hr), torch.sigmoid(xz + hz)
        if reset_after_product:  # PyTorch
            n = torch.tanh(xn + r * hn)
        else:  # Cho et al. (EMNLP 2014): reset h first, then multiply
            n = torch.tanh(xn + (r * h) @ W_hn.T + b_hn)
        h = (1 - z) * n + z * h
        states.append(h)
    return torch.stack(states)


with torch.no_grad():
    output, h_n = gru(x)
    after, before = gru_loop(True), gru_loop(False)
print("r * (W_hn h + b_hn): loop equals output and h_n:",
      torch.allclose(after, output, atol=1e-6)
      and torch.allclose(after[-1], h_n[0], atol=1e-6))
print("W_hn (r * h) + b_hn: loop equals output:",
      torch.allclose(before, output, atol=1e-6))
