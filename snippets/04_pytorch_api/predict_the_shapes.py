import torch
from torch import nn

torch.manual_seed(0)

# (input_size, hidden_size, other arguments, input shape), as in the page's table
configurations = [
    (4, 2, {}, (5, 1, 4)),
    (4, 2, {}, (5, 4)),
    (4, 2, {}, (3, 5, 4)),
    (4, 2, dict(batch_first=True), (3, 5, 4)),
    (4, 8, dict(num_layers=3), (7, 2, 4)),
    (4, 8, dict(bidirectional=True), (7, 2, 4)),
    (4, 8, dict(num_layers=2, bidirectional=True, batch_first=True), (2, 7, 4)),
    (10, 6, dict(num_layers=2, bidirectional=True), (9, 10)),
    (3, 5, dict(bias=False, nonlinearity="relu"), (1, 1, 3)),
    (16, 4, dict(num_layers=2, dropout=0.3, batch_first=True), (32, 20, 16)),
]

for number, (input_size, hidden, others, shape) in enumerate(configurations, 1):
    rnn = nn.RNN(input_size, hidden, **others)
    with torch.no_grad():
        output, h_n = rnn(torch.randn(shape))
    print(f"{number:2}. input {str(shape):12} output {str(tuple(output.shape)):12}",
          f"h_n {tuple(h_n.shape)}")
