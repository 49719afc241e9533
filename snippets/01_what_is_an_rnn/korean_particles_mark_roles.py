from collections import Counter

# 토큰은 띄어 쓴 단위(어절)입니다. 조사 가/를이 누가 누구를 쫓는지 표시합니다.
sentences = [
    "개가 고양이를 쫓는다",  # 1: 개가 쫓습니다
    "고양이를 개가 쫓는다",  # 2: 어순만 다르고, 뜻은 1과 같습니다
    "고양이가 개를 쫓는다",  # 3: 고양이가 쫓습니다, 뜻이 1과 반대입니다
]
bags = [Counter(sentence.split()) for sentence in sentences]
for sentence, bag in zip(sentences, bags):
    print(sentence, "->", sorted(bag))
print("same bag, 1 and 2:", bags[0] == bags[1])
print("same bag, 1 and 3:", bags[0] == bags[2])


def particles_split_off(sentence):
    """'개가' -> '개', '가': 명사와 조사를 서로 다른 토큰으로 나눕니다."""
    tokens = []
    for word in sentence.split():
        tokens += [word[:-1], word[-1]] if word[-1] in "가를" else [word]
    return Counter(tokens)


print("same bag, 1 and 3, particles split off:",
      particles_split_off(sentences[0]) == particles_split_off(sentences[2]))
