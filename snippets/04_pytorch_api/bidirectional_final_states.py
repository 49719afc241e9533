import torch
from torch import nn

torch.manual_seed(0)

H = 3
rnn = nn.RNN(input_size=4, hidden_size=H, bidirectional=True)
x = torch.randn(5, 2, 4)  # L = 5 steps, N = 2 sequences

with torch.no_grad():
    output, h_n = rnn(x)
forward, backward = output[..., :H], output[..., H:]  # the halves of the last dim
both_finals = torch.cat([h_n[0], h_n[1]], dim=1)

print("output:", tuple(output.shape), " = (L, N, 2*H)")
print("h_n:   ", tuple(h_n.shape), " = (2, N, H): forward, then backward")
print("h_n[0] == forward at the LAST step:  ",
      torch.allclose(h_n[0], forward[-1], atol=1e-6))
print("h_n[1] == backward at the FIRST step:",
      torch.allclose(h_n[1], backward[0], atol=1e-6))
print("h_n[1] == backward at the last step: ",
      torch.allclose(h_n[1], backward[-1], atol=1e-6))
print("output[-1] == cat(h_n[0], h_n[1]):",
      torch.allclose(output[-1], both_finals, atol=1e-6))
