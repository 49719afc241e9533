import torch
from torch import nn

torch.manual_seed(0)

H = 3
both = nn.RNN(input_size=4, hidden_size=H, bidirectional=True)
backward = nn.RNN(input_size=4, hidden_size=H)  # will get the _reverse weights
with torch.no_grad():
    for name in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
        getattr(backward, f"{name}_l0").copy_(getattr(both, f"{name}_l0_reverse"))

x = torch.randn(5, 2, 4)
with torch.no_grad():
    output, h_n = both(x)
    states, final = backward(x.flip(0))  # read the steps from last to first

print("backward half == reversed run, flipped back:",
      torch.allclose(output[..., H:], states.flip(0), atol=1e-6))
print("h_n[1] == the reversed run's final state:",
      torch.allclose(h_n[1], final[0], atol=1e-6))
