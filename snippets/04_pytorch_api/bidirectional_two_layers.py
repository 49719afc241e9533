import torch
from torch import nn

torch.manual_seed(0)

H = 2
rnn = nn.RNN(input_size=4, hidden_size=H, num_layers=2, bidirectional=True)
x = torch.randn(5, 3, 4)  # L = 5 steps, N = 3 sequences

with torch.no_grad():
    output, h_n = rnn(x)  # output: the top layer only
by_layer = h_n.view(2, 2, 3, H)  # (num_layers, D, N, H)

# The bottom layer alone: a one-layer bidirectional RNN with the _l0 weights.
bottom = nn.RNN(input_size=4, hidden_size=H, bidirectional=True)
bottom.load_state_dict({name: p for name, p in rnn.state_dict().items() if "_l0" in name})
with torch.no_grad():
    _, bottom_h_n = bottom(x)

print("h_n:", tuple(h_n.shape), " = (num_layers * D, N, H)")
print("h_n[-2] == top forward at the last step:  ",
      torch.allclose(h_n[-2], output[-1, :, :H], atol=1e-6))
print("h_n[-1] == top backward at the first step:",
      torch.allclose(h_n[-1], output[0, :, H:], atol=1e-6))
print("h_n[1]  == top backward at the first step:",
      torch.allclose(h_n[1], output[0, :, H:], atol=1e-6))
print("by_layer[0] == the bottom layer's own h_n:",
      torch.allclose(by_layer[0], bottom_h_n, atol=1e-6))
