from torch import nn

rnn = nn.RNN(4, 2)  # only the two required arguments: everything else is a default

for name in ["input_size", "hidden_size", "num_layers", "nonlinearity",
             "bias", "batch_first", "dropout", "bidirectional"]:
    print(f"{name:14} {getattr(rnn, name)!r}")
