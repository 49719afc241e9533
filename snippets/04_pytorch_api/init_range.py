import math

import torch
from torch import nn

torch.manual_seed(0)

for input_size in [4, 400]:  # the bound depends on H only, not on H_in
    rnn = nn.RNN(input_size, hidden_size=16, num_layers=2, bidirectional=True)
    bound = 1 / math.sqrt(rnn.hidden_size)
    values = torch.cat([param.detach().flatten() for param in rnn.parameters()])
    assert values.min() >= -bound and values.max() <= bound
    # As fractions of the bound: thousands of uniform draws reach close to both ends.
    low, high = values.min() / bound, values.max() / bound
    print(f"H_in={input_size:3}: {values.numel():5} numbers, bound {bound:.4f},",
          f"extremes {low:.2f} and {high:.2f} times the bound")
