import torch
from torch import nn

torch.manual_seed(0)

V_SRC, V_TGT, E, H, START = 10, 12, 8, 16, 0  # two languages, two vocabularies
src_embed, tgt_embed = nn.Embedding(V_SRC, E), nn.Embedding(V_TGT, E)
encoder = nn.RNN(E, H, batch_first=True)
decoder = nn.RNN(E, H, batch_first=True)  # a second RNN, with its own weights
head = nn.Linear(H, V_TGT)

source = torch.randint(V_SRC, (2, 7))  # N = 2 source sentences of 7 words
# Teacher forcing: the start token, then the reference words shifted by one.
decoder_in = torch.randint(V_TGT, (2, 4))
decoder_in[:, 0] = START
with torch.no_grad():
    enc_output, enc_h_n = encoder(src_embed(source))  # the whole source first
    dec_output, _ = decoder(tgt_embed(decoder_in), enc_h_n)  # h_0 = enc_h_n
    logits = head(dec_output)

print("source:     ", tuple(source.shape))
print("enc_output: ", tuple(enc_output.shape), "(computed, never used)")
print("enc_h_n:    ", tuple(enc_h_n.shape), "-> decoder's h_0")
print("decoder_in: ", tuple(decoder_in.shape))
print("dec_output: ", tuple(dec_output.shape))
print("logits:     ", tuple(logits.shape), "(4 steps, 12 target words)")
