import torch
from torch import nn

torch.manual_seed(0)
rnn = nn.RNN(input_size=3, hidden_size=4, nonlinearity="relu")
x = 3 * torch.randn(5, 2, 3)  # large inputs, to reach past 1

with torch.no_grad():
    output, h_n = rnn(x)
    h = torch.zeros(2, 4)
    states = []
    for x_t in x:
        # Same equation, with ReLU in place of tanh.
        h = torch.relu(
            x_t @ rnn.weight_ih_l0.T + rnn.bias_ih_l0
            + h @ rnn.weight_hh_l0.T + rnn.bias_hh_l0
        )
        states.append(h)

by_loop = torch.stack(states)
print("ReLU loop equals output:", torch.allclose(by_loop, output, atol=1e-6))
print("smallest value:", output.min().item())  # ReLU: never negative
# Unlike tanh, nothing caps the state at 1.
print("largest value: ", round(output.max().item(), 4))
