import torch
from torch import nn

torch.manual_seed(0)
L, H_in, H = 100, 16, 32
x = torch.randn(L, 1, H_in, dtype=torch.float64)  # the previous example's input
lstm = nn.LSTM(H_in, H).double()
default_bias = lstm.bias_ih_l0.detach().clone()
assert default_bias.abs().max() <= H**-0.5  # no special start for f: U(+-1/sqrt(H))

print("forget bias | mean f_t | gradient norm at distance 50 |    99")
at_99 = {}
for label, forget_bias in [("default", None), ("1", 1.0), ("3", 3.0)]:
    with torch.no_grad():
        lstm.bias_ih_l0.copy_(default_bias)
        if forget_bias is not None:  # rows H:2H belong to f; the two biases add up
            lstm.bias_ih_l0[H : 2 * H] = forget_bias
            lstm.bias_hh_l0[H : 2 * H] = 0.0
    inputs = x.clone().requires_grad_()
    output, _ = lstm(inputs)
    (grad,) = torch.autograd.grad(output[-1].sum(), inputs)
    per_step = grad.norm(dim=(1, 2)).flip(0)  # by distance from the loss
    # f_t at every step, recomputed from h_{t-1} (h_0 = 0 before step 1)
    h_prev = torch.cat([torch.zeros_like(output[:1]), output[:-1]]).detach()
    gates = (x @ lstm.weight_ih_l0.T + lstm.bias_ih_l0
             + h_prev @ lstm.weight_hh_l0.T + lstm.bias_hh_l0)
    f = torch.sigmoid(gates.chunk(4, dim=-1)[1])
    print(f"{label:>11} | {f.mean():8.2f} | {per_step[50]:28.1e} |",
          f"{per_step[99]:7.1e}")
    at_99[label] = per_step[99]

assert at_99["3"] > 1e10 * at_99["default"]  # an open gate lets the gradient through
