import torch
from torch import nn

torch.manual_seed(0)
L, N, H_in, H = 5, 2, 3, 4
x = torch.randn(L, N, H_in)
lstm, lstm_cell = nn.LSTM(H_in, H), nn.LSTMCell(H_in, H)
gru, gru_cell = nn.GRU(H_in, H), nn.GRUCell(H_in, H)

with torch.no_grad():
    # A cell's tensors have the module's names without the layer suffix _l0.
    for module, cell in [(lstm, lstm_cell), (gru, gru_cell)]:
        for name in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
            getattr(cell, name).copy_(getattr(module, f"{name}_l0"))

    h, c, g = torch.zeros(N, H), torch.zeros(N, H), torch.zeros(N, H)
    lstm_states, gru_states = [], []
    for t in range(L):
        h, c = lstm_cell(x[t], (h, c))  # one step: takes and returns the pair
        g = gru_cell(x[t], g)  # one step: one state
        lstm_states.append(h)
        gru_states.append(g)
    lstm_out, (h_n, c_n) = lstm(x)
    gru_out, g_n = gru(x)

lstm_loop, gru_loop = torch.stack(lstm_states), torch.stack(gru_states)
print("LSTMCell loop equals output:", torch.allclose(lstm_loop, lstm_out, atol=1e-6))
print("  last (h, c) equals (h_n, c_n):", torch.allclose(h, h_n[0], atol=1e-6)
      and torch.allclose(c, c_n[0], atol=1e-6))
print("GRUCell loop equals output: ", torch.allclose(gru_loop, gru_out, atol=1e-6))
print("  last state equals h_n:", torch.allclose(g, g_n[0], atol=1e-6))
