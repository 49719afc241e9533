import torch
from torch import nn

torch.manual_seed(0)

V, E, H, START, MAX_LEN = 10, 8, 16, 0, 5  # vocabulary, embedding, hidden size
image_to_h0 = nn.Linear(32, H)
embed = nn.Embedding(V, E)
rnn = nn.RNN(E, H, batch_first=True)
head = nn.Linear(H, V)  # hidden state -> one score per word

features = torch.randn(2, 32)  # N = 2 image feature vectors: the "one" input
with torch.no_grad():
    h = torch.tanh(image_to_h0(features)).unsqueeze(0)  # (num_layers, N, H)
    print("image features:", tuple(features.shape), "-> h_0:", tuple(h.shape))
    word = torch.full((2,), START)  # every caption starts from the start token
    caption = []
    for t in range(1, MAX_LEN + 1):
        x_t = embed(word).unsqueeze(1)  # (N, 1, E): a sequence of one step
        output, h = rnn(x_t, h)  # h carries everything generated so far
        scores = head(output[:, 0])
        word = scores.argmax(dim=1)  # greedy; the prediction is the next input
        caption.append(word)
        print(f"t={t}: x_t {tuple(x_t.shape)} -> output {tuple(output.shape)}"
              f" -> scores {tuple(scores.shape)} -> words {word.tolist()}")
caption = torch.stack(caption, dim=1)
print("captions:", tuple(caption.shape), caption.tolist())
