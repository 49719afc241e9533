from collections import Counter


def bigrams(sentence):
    words = sentence.split()
    return Counter(zip(words, words[1:]))


first, second = bigrams("I live to eat"), bigrams("I eat to live")
print(sorted(first))
print(sorted(second))
print("same bag of bigrams:", first == second)
