import torch
from torch import nn

torch.manual_seed(0)
N, L, H_in, H = 3, 5, 4, 6
x = torch.randn(N, L, H_in)  # batch first
options = dict(num_layers=2, bidirectional=True, batch_first=True)

lstm, gru = nn.LSTM(H_in, H, **options), nn.GRU(H_in, H, **options)
with torch.no_grad():
    out_lstm, (h_n, c_n) = lstm(x)
    out_gru, h_gru = gru(x)

# As for nn.RNN: output is (N, L, D * H); the states ignore batch_first.
print("LSTM: output", tuple(out_lstm.shape), " h_n", tuple(h_n.shape),
      " c_n", tuple(c_n.shape))
print("GRU:  output", tuple(out_gru.shape), " h_n", tuple(h_gru.shape))
print("LSTM weight_ih_l1:", tuple(lstm.weight_ih_l1.shape), " reads D * H = 12")
print("GRU  weight_ih_l1:", tuple(gru.weight_ih_l1.shape))
