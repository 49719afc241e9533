import torch
from torch import nn

torch.manual_seed(0)
L, N, H_in, H = 5, 3, 4, 6
x = torch.randn(L, N, H_in)

with torch.no_grad():
    out_rnn, h_rnn = nn.RNN(H_in, H)(x)
    out_gru, h_gru = nn.GRU(H_in, H)(x)
    lstm = nn.LSTM(H_in, H)
    out_lstm, state = lstm(x)  # the second result is a pair, not a tensor
h_n, c_n = state

print("RNN:  output", tuple(out_rnn.shape), " h_n", tuple(h_rnn.shape))
print("GRU:  output", tuple(out_gru.shape), " h_n", tuple(h_gru.shape))
print("LSTM: output", tuple(out_lstm.shape), " state:", type(state).__name__,
      "of", len(state))
print("      h_n", tuple(h_n.shape), " c_n", tuple(c_n.shape))
print("LSTM output[-1] == h_n:", torch.allclose(out_lstm[-1], h_n[0], atol=1e-6))
print("h_n == c_n:", torch.allclose(h_n, c_n, atol=1e-6))

# The initial state goes in as it comes out: for the LSTM, a pair (h_0, c_0).
h_0, c_0 = torch.zeros(1, N, H), torch.zeros(1, N, H)
with torch.no_grad():
    out_zeros, _ = lstm(x, (h_0, c_0))
    print("(h_0, c_0) = zeros is the default:",
          torch.allclose(out_zeros, out_lstm, atol=1e-6))
    try:
        lstm(x, h_0)  # h_0 alone: the LSTM reads its "second element" as c_0
    except IndexError as error:
        print("IndexError:", error)
