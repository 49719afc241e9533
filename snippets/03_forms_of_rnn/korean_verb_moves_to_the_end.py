# English -> Korean: the verb moves to the end of the sentence.
# The alignment: each Korean output word lists the English input positions (from 1)
# it translates. "an" and "the" have no Korean word of their own.
EXAMPLES = [
    ("I eat an apple",
     [("나는", [1]), ("사과를", [4]), ("먹는다", [2])]),
    ("I ate an apple in the park yesterday",
     [("나는", [1]), ("어제", [8]), ("공원에서", [5, 7]), ("사과를", [4]),
      ("먹었다", [2])]),
]

for n, (english, korean) in enumerate(EXAMPLES):
    if n:
        print()
    words = english.split()
    print(english, "->", " ".join(word for word, _ in korean))
    print(" t  needs inputs  read by step t?  output = input")
    too_late = 0
    for t, (word, positions) in enumerate(korean, start=1):
        ready = max(positions) <= t  # a synced model has read only inputs 1..t
        too_late += not ready
        source = " ".join(words[i - 1] for i in positions)
        print(f"{t:2}  {str(positions):12}  {str(ready):15}  {word} = {source}")
    print(f"outputs needing a later input: {too_late} of {len(korean)}")
    print("synced many-to-many can emit it:", too_late == 0)
    # The encoder has read all inputs before the decoder emits output 1.
    print("encoder-decoder can emit it:",
          all(max(positions) <= len(words) for _, positions in korean))
