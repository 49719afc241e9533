import torch
from torch import nn

torch.manual_seed(0)

synced = nn.RNN(4, 16, batch_first=True)
encoder = nn.RNN(4, 16, batch_first=True)
decoder = nn.RNN(4, 16, batch_first=True)

x = torch.randn(1, 6, 4)  # one sequence of 6 steps
x_changed = x.clone()
x_changed[:, -1] = torch.randn(4)  # only the last input differs
y = torch.randn(1, 3, 4)  # the decoder's inputs, the same in both runs

with torch.no_grad():
    before = synced(x)[0][:, 0]
    after = synced(x_changed)[0][:, 0]
    print("synced, output 1 unchanged:", torch.allclose(before, after, atol=1e-6))

    before = decoder(y, encoder(x)[1])[0][:, 0]
    after = decoder(y, encoder(x_changed)[1])[0][:, 0]
    print("encoder-decoder, output 1 unchanged:",
          torch.allclose(before, after, atol=1e-6))
