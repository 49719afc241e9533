import torch
from torch import nn

L, H_in, H = 100, 1, 32  # one feature per step, as in lab 1
distance = 50


def gradient_at(module, x):
    inputs = x.clone().requires_grad_()
    output, _ = module(inputs)
    (grad,) = torch.autograd.grad(output[-1].sum(), inputs)
    return grad[L - 1 - distance].norm()  # x_t with t = L - distance


print("seed | GRU / RNN | LSTM / RNN | LSTM, forget bias 3 / RNN")
ratios = []
for seed in range(8):
    torch.manual_seed(seed)
    x = torch.randn(L, 1, H_in, dtype=torch.float64)
    rnn, gru, lstm = (cell(H_in, H).double() for cell in (nn.RNN, nn.GRU, nn.LSTM))
    row = [gradient_at(gru, x), gradient_at(lstm, x)]
    with torch.no_grad():  # open the forget gate, as in the chapter
        lstm.bias_ih_l0[H : 2 * H], lstm.bias_hh_l0[H : 2 * H] = 3.0, 0.0
    row = [value / gradient_at(rnn, x) for value in row + [gradient_at(lstm, x)]]
    ratios.append(row)
    print(f"{seed:4} | {row[0]:9.1e} | {row[1]:10.1e} | {row[2]:25.1e}")

worst = [min(column) for column in zip(*ratios)]
assert worst[0] < 1 or worst[1] < 1  # at initialisation, gating is no guarantee
assert worst[2] > 1e6  # an open forget gate is
