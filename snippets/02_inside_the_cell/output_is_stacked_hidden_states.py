import torch
from torch import nn

torch.manual_seed(0)
vocab = ["h", "e", "l", "o"]
xs = torch.eye(4)[[vocab.index(c) for c in "hello"]]  # (L, V) = (5, 4)
rnn = nn.RNN(input_size=4, hidden_size=2)

with torch.no_grad():
    output, h_n = rnn(xs)
    print("output:", tuple(output.shape), " h_n:", tuple(h_n.shape))
    print("last row of output equals h_n:", torch.equal(output[-1], h_n[0]))

    # One step at a time, handing the state on ourselves: what comes out as the
    # step's output is exactly what goes in as the next step's hidden state.
    h = torch.zeros(1, 2)
    rows = []
    for x_t in xs:
        out_t, h = rnn(x_t.unsqueeze(0), h)
        rows.append(torch.equal(out_t[0], h[0]))
    print("each step's output is the state passed on:", rows)

    both_ways = nn.RNN(input_size=4, hidden_size=2, bidirectional=True)
    print("bidirectional output:", tuple(both_ways(xs)[0].shape), "= 2H")
