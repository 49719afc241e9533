import torch
from torch import nn

torch.manual_seed(0)

rnn = nn.RNN(input_size=4, hidden_size=3, num_layers=2)
print("weight_ih_l0:", tuple(rnn.weight_ih_l0.shape), " reads x_t: H_in = 4")
print("weight_ih_l1:", tuple(rnn.weight_ih_l1.shape), " reads layer 0: H = 3")

both = nn.RNN(input_size=4, hidden_size=3, num_layers=2, bidirectional=True)
print("bidirectional weight_ih_l1:", tuple(both.weight_ih_l1.shape), " reads D*H")

with torch.no_grad():
    output, h_n = rnn(torch.randn(5, 1, 4))
print("output:", tuple(output.shape), " (the top layer's states only)")
print("h_n:   ", tuple(h_n.shape), " (the final state of each layer)")
print("output[-1] == h_n[1] (top layer):", torch.equal(output[-1], h_n[1]))
