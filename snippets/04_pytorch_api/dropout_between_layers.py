import textwrap
import warnings

import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(5, 1, 4)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # record it even if it was shown before
    one_layer = nn.RNN(4, 3, num_layers=1, dropout=0.5)
for warning in caught:
    print(f"{warning.category.__name__}:")
    print(textwrap.fill(str(warning.message), width=76, initial_indent="  ",
                        subsequent_indent="  ", break_on_hyphens=False))

two_layers = nn.RNN(4, 3, num_layers=2, dropout=0.5)
with torch.no_grad():
    for name, rnn in [("1 layer", one_layer), ("2 layers", two_layers)]:
        rnn.train()  # dropout is active only in training mode
        first, second = rnn(x)[0], rnn(x)[0]
        rnn.eval()
        agree = torch.allclose(first, second, atol=1e-6)
        agree_eval = torch.allclose(rnn(x)[0], rnn(x)[0], atol=1e-6)
        print(f"{name}: two training-mode runs agree: {agree},",
              f"eval-mode runs agree: {agree_eval}")
