import torch
from torch import nn

torch.manual_seed(0)

rnn = nn.RNN(input_size=8, hidden_size=16)

print("length | change in the final state when only the first input changes")
for length in (5, 10, 20, 40, 80):
    xs = torch.randn(length, 8)
    edited = xs.clone()
    edited[0] = torch.randn(8)  # change the first step, keep every other step
    with torch.no_grad():
        _, h = rnn(xs)
        _, h_edited = rnn(edited)
    print(f"{length:>6} | {(h - h_edited).norm():.2e}")
