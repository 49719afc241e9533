import torch
from torch import nn

torch.manual_seed(0)
rnn = nn.RNN(input_size=3, hidden_size=4)
x = torch.randn(5, 3)  # 5 steps, no batch

with torch.no_grad():
    rnn.weight_hh_l0.zero_()  # cut the recurrent connection; b_hh stays
    output, _ = rnn(x)

    # Each step run alone, as a sequence of length 1 from h_0 = 0.
    alone = torch.cat([rnn(x[t : t + 1])[0] for t in range(5)])
    print("h_t depends only on x_t:", torch.allclose(output, alone, atol=1e-6))

    changed = x.clone()
    changed[0] = 10.0  # a very different first input
    new_output, _ = rnn(changed)
    print("steps that changed:", (new_output != output).any(dim=1).tolist())
