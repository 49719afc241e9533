import torch
from torch import nn

torch.manual_seed(0)

rnn = nn.RNN(input_size=4, hidden_size=3, num_layers=2, bidirectional=True)
x = torch.randn(5, 2, 4)  # L = 5, N = 2
h_0 = torch.zeros(2 * 2, 2, 3)  # (D * num_layers, N, H): per layer and direction

with torch.no_grad():
    out_default, h_default = rnn(x)
    out_zeros, h_zeros = rnn(x, h_0)
    out_random, _ = rnn(x, torch.randn(4, 2, 3))

print("h_0:", tuple(h_0.shape))
print("default == explicit zeros:",
      torch.allclose(out_default, out_zeros, atol=1e-6)
      and torch.allclose(h_default, h_zeros, atol=1e-6))
print("default == random h_0:    ", torch.allclose(out_default, out_random, atol=1e-6))
try:
    rnn(x, torch.zeros(1, 2, 3))  # the state of one layer and direction only
except RuntimeError as error:
    print("RuntimeError:", error)
