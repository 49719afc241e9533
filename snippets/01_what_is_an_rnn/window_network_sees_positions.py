import torch
from torch import nn

torch.manual_seed(1)

vocab = ["I", "eat", "live", "to", "well"]


def window(sentence):
    """Concatenate the words' one-hot vectors: word k fills slots 5k to 5k+4."""
    indices = [vocab.index(word) for word in sentence.split()]
    return torch.eye(len(vocab))[indices].flatten()


net = nn.Linear(in_features=4 * len(vocab), out_features=3)  # reads exactly 4 words

with torch.no_grad():
    print(net(window("I live to eat")))
    print(net(window("I eat to live")))
    try:
        net(window("I eat well to live"))
    except RuntimeError as error:
        print("five words:", error)
