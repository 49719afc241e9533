import torch
from torch import nn

torch.manual_seed(0)

N, L, H_in, H = 3, 5, 4, 2
cases = [  # (what, constructor options, input shape)
    ("default", {}, (L, N, H_in)),
    ("batch_first=True", {"batch_first": True}, (N, L, H_in)),
    ("unbatched", {}, (L, H_in)),
    ("num_layers=2", {"num_layers": 2}, (L, N, H_in)),
    ("bidirectional=True", {"bidirectional": True}, (L, N, H_in)),
    ("both, batch_first", {"num_layers": 2, "bidirectional": True,
                           "batch_first": True}, (N, L, H_in)),
]

print(f"{'':20}{'input':12}{'h_0':12}{'output':12}h_n")
for what, options, shape in cases:
    rnn = nn.RNN(H_in, H, **options)
    layers_x_d = rnn.num_layers * (2 if rnn.bidirectional else 1)
    h_0 = torch.zeros((layers_x_d, N, H) if len(shape) == 3 else (layers_x_d, H))
    with torch.no_grad():
        output, h_n = rnn(torch.randn(shape), h_0)  # accepted in this shape
    row = [shape, tuple(h_0.shape), tuple(output.shape), tuple(h_n.shape)]
    print(f"{what:20}" + "".join(f"{str(s):12}" for s in row[:3]) + str(row[3]))
