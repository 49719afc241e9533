import torch
from torch import nn

torch.manual_seed(0)

deep = nn.RNN(input_size=4, hidden_size=3, num_layers=2)
bottom, top = nn.RNN(4, 3), nn.RNN(3, 3)  # layer 1 reads H = 3 features
# Layer k's tensors end in _l{k}; each one-layer RNN calls its own _l0.
with torch.no_grad():
    for k, layer in enumerate([bottom, top]):
        for name in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
            getattr(layer, f"{name}_l0").copy_(getattr(deep, f"{name}_l{k}"))

x = torch.randn(5, 2, 4)
with torch.no_grad():
    output, h_n = deep(x)
    states_0, final_0 = bottom(x)
    states_1, final_1 = top(states_0)  # layer 1 reads layer 0's states

finals = torch.cat([final_0, final_1])  # layer 0's final state, then layer 1's
print("output == top layer's states:", torch.allclose(output, states_1, atol=1e-6))
print("h_n == both layers' finals:  ", torch.allclose(h_n, finals, atol=1e-6))
