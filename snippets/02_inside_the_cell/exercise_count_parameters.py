from torch import nn


def count(module):
    return sum(p.numel() for p in module.parameters())


H_in, H = 10, 20
one_layer = H * H_in + H * H + 2 * H
# The second layer reads the first layer's states: its input size is H.
second_layer = H * H + H * H + 2 * H

print(count(nn.RNN(H_in, H)), one_layer)
print(count(nn.RNN(H_in, H, bias=False)), one_layer - 2 * H)
print(count(nn.RNN(H_in, H, num_layers=2)), one_layer + second_layer)
