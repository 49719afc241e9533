import torch
from torch import nn

torch.manual_seed(0)

V, E, H, START, END, MAX_LEN = 10, 8, 16, 0, 1, 8
image_to_h0, embed = nn.Linear(32, H), nn.Embedding(V, E)
rnn, head = nn.RNN(E, H, batch_first=True), nn.Linear(H, V)

features = torch.randn(3, 32)  # N = 3 images
with torch.no_grad():
    h = torch.tanh(image_to_h0(features)).unsqueeze(0)
    word = torch.full((3,), START)
    done = torch.zeros(3, dtype=torch.bool)
    caption = []
    while not done.all() and len(caption) < MAX_LEN:
        output, h = rnn(embed(word).unsqueeze(1), h)
        # Sample, not argmax: then an untrained model says END now and then.
        word = torch.multinomial(head(output[:, 0]).softmax(dim=1), 1).squeeze(1)
        word[done] = END  # a finished caption only pads with END
        caption.append(word)
        done |= word == END

for row in torch.stack(caption, dim=1).tolist():
    words = row[: row.index(END) + 1] if END in row else row
    print(len(words), "words:", words)
