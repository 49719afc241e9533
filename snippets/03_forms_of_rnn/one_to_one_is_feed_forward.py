import torch
from torch import nn

torch.manual_seed(0)

# One input, one output, nothing to remember: a plain feed-forward classifier.
classifier = nn.Sequential(
    nn.Flatten(), nn.Linear(8 * 8, 32), nn.ReLU(), nn.Linear(32, 3)
)
images = torch.randn(2, 1, 8, 8)  # N = 2 grey 8x8 images
with torch.no_grad():
    logits = classifier(images)
print("images:", tuple(images.shape), "-> logits:", tuple(logits.shape))

# Force it through nn.RNN anyway: a sequence of L = 1 step, from h_0 = 0.
rnn = nn.RNN(input_size=8 * 8, hidden_size=32, batch_first=True)
x = images.flatten(start_dim=1).unsqueeze(1)  # (N, L=1, H_in)
with torch.no_grad():
    output, _ = rnn(x)
    # W_hh only ever multiplies h_0 = 0, so it drops out of the step equation.
    linear = x @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + rnn.bias_hh_l0
print("x:", tuple(x.shape), "-> output:", tuple(output.shape))
print("one step of nn.RNN is tanh(Linear(x)):",
      torch.allclose(output, torch.tanh(linear), atol=1e-6))
