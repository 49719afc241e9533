from torch import nn


def formula(H_in, H, num_layers, D, P):
    R = P if P > 0 else H  # the size of h: what the next step and layer read
    projection = P * H  # W_hr, only when P > 0
    first = 4 * H * H_in + 4 * H * R + 8 * H + projection
    later = 4 * H * (D * R) + 4 * H * R + 8 * H + projection
    return D * (first + (num_layers - 1) * later)


configurations = [(10, 20, 1, False, 0), (10, 20, 2, True, 0), (10, 20, 2, True, 5)]
for H_in, H, num_layers, bidirectional, P in configurations:
    lstm = nn.LSTM(H_in, H, num_layers=num_layers, bidirectional=bidirectional,
                   proj_size=P)
    D = 2 if bidirectional else 1
    counted = sum(param.numel() for param in lstm.parameters())
    expected = formula(H_in, H, num_layers, D, P)
    assert counted == expected
    print(f"layers={num_layers} D={D} proj_size={P}:",
          f"PyTorch {counted:5}, formula {expected:5}")
