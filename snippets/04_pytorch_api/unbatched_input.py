import torch
from torch import nn

torch.manual_seed(0)

rnn = nn.RNN(input_size=4, hidden_size=3, num_layers=2, bidirectional=True)
x = torch.randn(5, 4)  # (L, H_in): one sequence, no batch dimension

batch_first = nn.RNN(4, 3, num_layers=2, bidirectional=True, batch_first=True)
batch_first.load_state_dict(rnn.state_dict())  # the same weights

with torch.no_grad():
    output, h_n = rnn(x)
    out_batched, h_batched = rnn(x.unsqueeze(1))  # the same, as a batch of one
    out_bf, _ = batch_first(x)

print("unbatched:    output", tuple(output.shape), "  h_n", tuple(h_n.shape))
print("batch of one: output", tuple(out_batched.shape),
      "h_n", tuple(h_batched.shape))
print("same numbers:", torch.allclose(output, out_batched.squeeze(1), atol=1e-6),
      torch.allclose(h_n, h_batched.squeeze(1), atol=1e-6))
print("batch_first=True reads it the same way:",
      torch.allclose(output, out_bf, atol=1e-6))
