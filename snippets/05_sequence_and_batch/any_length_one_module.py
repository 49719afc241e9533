import torch
from torch import nn

torch.manual_seed(0)

vocab = ["h", "e", "l", "o"]  # the notes' order, kept as a fixed list
rnn = nn.RNN(input_size=4, hidden_size=2)  # no sequence length anywhere


def one_hot(word):
    return torch.eye(len(vocab))[[vocab.index(ch) for ch in word]]


with torch.no_grad():
    for word in ["he", "hello", "hellohellohello"]:
        x = one_hot(word)  # unbatched: (L, H_in)
        output, h_n = rnn(x)
        print(f"{word!r:18} input {tuple(x.shape)} -> output {tuple(output.shape)}")

n_params = sum(p.numel() for p in rnn.parameters())
print("parameters:", n_params, "whatever the length")
