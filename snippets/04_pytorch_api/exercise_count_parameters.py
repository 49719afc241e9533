from torch import nn


def formula(H_in, H, num_layers, D):
    first = H * H_in + H * H + 2 * H  # layer 0 reads H_in features
    later = H * (D * H) + H * H + 2 * H  # layers above read D * H features
    return D * (first + (num_layers - 1) * later)


configurations = [(4, 3, 2, True), (10, 20, 1, False), (10, 20, 3, True)]
for H_in, H, num_layers, bidirectional in configurations:
    rnn = nn.RNN(H_in, H, num_layers=num_layers, bidirectional=bidirectional)
    D = 2 if bidirectional else 1
    counted = sum(param.numel() for param in rnn.parameters())
    expected = formula(H_in, H, num_layers, D)
    assert counted == expected
    print(f"H_in={H_in:2} H={H:2} layers={num_layers} D={D}:",
          f"PyTorch {counted:5}, formula {expected:5}")
