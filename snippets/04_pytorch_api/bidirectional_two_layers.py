import torch
from torch import nn

torch.manual_seed(0)

H = 3
rnn = nn.RNN(input_size=4, hidden_size=H, num_layers=2, bidirectional=True)
x = torch.randn(5, 2, 4)  # L = 5 steps, N = 2 sequences

with torch.no_grad():
    output, h_n = rnn(x)  # output: the top layer only
by_layer = h_n.view(2, 2, 2, H)  # (num_layers, D, N, H)

print("h_n:", tuple(h_n.shape), " = (num_layers * D, N, H)")
print("h_n[-2] == top forward at the last step:  ",
      torch.allclose(h_n[-2], output[-1, :, :H], atol=1e-6))
print("h_n[-1] == top backward at the first step:",
      torch.allclose(h_n[-1], output[0, :, H:], atol=1e-6))
print("h_n[1]  == top backward at the first step:",
      torch.allclose(h_n[1], output[0, :, H:], atol=1e-6))
print("by_layer[1, 0] is h_n[2], layer 1 forward:", torch.equal(by_layer[1, 0], h_n[2]))
