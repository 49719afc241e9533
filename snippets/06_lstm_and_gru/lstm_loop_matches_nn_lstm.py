import torch
from torch import nn

torch.manual_seed(0)
L, N, H_in, H = 5, 2, 3, 4
lstm = nn.LSTM(H_in, H)
x = torch.randn(L, N, H_in)
W_ih, W_hh = lstm.weight_ih_l0, lstm.weight_hh_l0
b_ih, b_hh = lstm.bias_ih_l0, lstm.bias_hh_l0

with torch.no_grad():
    output, (h_n, c_n) = lstm(x)

    h, c = torch.zeros(N, H), torch.zeros(N, H)
    states = []
    for t in range(L):
        # All four gates in one product: H columns each, in the order i, f, g, o.
        gates = x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh
        i, f, g, o = gates.chunk(4, dim=1)
        i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
        c = f * c + i * g
        h = o * torch.tanh(c)
        states.append(h)

print("gates:", tuple(gates.shape), "= (N, 4H)")
print("loop equals output:", torch.allclose(torch.stack(states), output, atol=1e-6))
print("h equals h_n:", torch.allclose(h, h_n[0], atol=1e-6))
print("c equals c_n:", torch.allclose(c, c_n[0], atol=1e-6))
