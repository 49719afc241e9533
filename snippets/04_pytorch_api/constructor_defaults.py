from torch import nn

rnn = nn.RNN(4, 2)  # only the two required arguments: everything else is a default

for name in ["input_size", "hidden_size", "num_layers", "nonlinearity",
             "bias", "batch_first", "dropout", "bidirectional"]:
    print(f"{name:14} {getattr(rnn, name)!r}")
# Two more keyword arguments say where and in which type the parameters are created.
weight = rnn.weight_ih_l0
print(f"{'device, dtype':14} {weight.device}, {weight.dtype}")
