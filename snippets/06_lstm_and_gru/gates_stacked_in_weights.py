from torch import nn

H_in, H = 3, 2
lstm, gru = nn.LSTM(H_in, H), nn.GRU(H_in, H)

for module in (lstm, gru):
    print(type(module).__name__)
    for name, param in module.named_parameters():
        print(f"  {name:13} {tuple(param.shape)}")

# One block of H rows per gate, stacked in this order.
blocks = zip("ifgo", lstm.weight_ih_l0.chunk(4))
print("LSTM weight_ih_l0 blocks:", [(g, tuple(w.shape)) for g, w in blocks])
blocks = zip("rzn", gru.weight_ih_l0.chunk(3))
print("GRU  weight_ih_l0 blocks:", [(g, tuple(w.shape)) for g, w in blocks])
