import torch
from torch import nn

torch.manual_seed(0)

rnn = nn.RNN(input_size=4, hidden_size=3)
xs = torch.randn(6, 4)  # 6 steps, no batch

with torch.no_grad():
    output, h_n = rnn(xs)

print("output:", tuple(output.shape), "= one hidden state per step")
print("h_n:   ", tuple(h_n.shape), "= the state after the last step")
print("h_n is the last row of output:", torch.equal(h_n[0], output[-1]))
