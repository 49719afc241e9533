from torch import nn

H_in, H = 10, 20
# One plain RNN cell: W_ih, W_hh and two biases.
rnn_cell = H * H_in + H * H + 2 * H

for module, blocks in [(nn.RNN(H_in, H), 1), (nn.GRU(H_in, H), 3),
                       (nn.LSTM(H_in, H), 4)]:
    counted = sum(param.numel() for param in module.parameters())
    assert counted == blocks * rnn_cell  # one RNN-sized block per gate
    print(f"{type(module).__name__:4} {counted:5} = {blocks} x {rnn_cell}",
          f" weight_ih_l0 {tuple(module.weight_ih_l0.shape)}")
