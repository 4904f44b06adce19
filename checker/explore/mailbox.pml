/**
 * How the parallel search ends (checker/explore/mailbox.ts), as a Promela model for SPIN:
 * participants work through tokens, a busy one posts half of its tokens when someone is hungry
 * and the box is empty, and a hungry one takes the box or, when every participant is hungry and
 * the box is empty, ends the search. The property: once every participant has left, every token
 * was worked through and none is left in the box.
 *
 * Each statement is one shared-memory access of mailbox.ts (an Atomics load, store or
 * compare-and-swap), so SPIN interleaves them as the threads can. By default the box word holds
 * the hungry count and the box's state together, as mailbox.ts does; -DTWO_WORDS models the
 * earlier code, which kept them apart and read them one after the other, and SPIN finds the
 * posting it lost. test/checker/explore/mailbox-protocol.test.ts runs both.
 *
 *   spin -a [-DTWO_WORDS] [-DN=2] mailbox.pml && cc -DSAFETY -o pan pan.c && ./pan
 */
#ifndef N
#define N 3 /* participants: the first starts with every token, as one takes the first work item */
#endif
#define TOKENS 4

#define EMPTY 0
#define WRITING 1
#define FULL 2
#define TAKING 3

byte hungry = 0;   /* participants waiting for work */
byte state = EMPTY; /* the box */
byte box = 0;      /* tokens in the box */
bool done = false; /* the search is over */
byte processed = 0;
byte left = 0;     /* participants gone */
byte posts = 0;    /* postings made, so a test can ask SPIN to show one (-DCLAIM_NO_POSTING) */

proctype participant(byte mine) {
  byte k;
#ifdef TWO_WORDS
  byte h;
#endif
busy:
  do
  :: mine > 0 -> d_step { mine--; processed++ }
  /* wanted(), then post(): claim the box, fill it, publish it */
  :: mine >= 2 && hungry > 0 && state == EMPTY ->
     if
     :: atomic { state == EMPTY -> state = WRITING }
        d_step { k = mine / 2; mine = mine - k; box = k; posts++ };
        state = FULL
     :: else -> skip
     fi
  :: mine == 0 -> break
  od;
  /* take() */
  hungry++;
  do
  :: done -> break
  :: else ->
     if
#ifdef TWO_WORDS
     :: atomic { state == FULL -> state = TAKING }
        d_step { mine = box; box = 0 };
        hungry--;
        state = EMPTY;
        goto busy
     :: else ->
        h = hungry;
        if
        :: h >= N && state == EMPTY -> done = true; break
        :: else -> skip
        fi
#else
     /* taking the box and ceasing to be hungry are one compare-and-swap of the box word */
     :: atomic { state == FULL -> state = TAKING; hungry-- }
        d_step { mine = box; box = 0 };
        state = EMPTY;
        goto busy
     :: else ->
        if
        /* one load of the box word */
        :: atomic { hungry >= N && state == EMPTY -> done = true }; break
        :: else -> skip
        fi
#endif
     fi
  od;
  left++
}

init {
  byte i;
  atomic {
    run participant(TOKENS);
    for (i : 2 .. N) { run participant(0) }
  }
  left == N;
  assert(box == 0 && processed == TOKENS);
#ifdef CLAIM_NO_POSTING
  /* false: a search that ends after a posting is reachable, so the assertion above is not vacuous */
  assert(posts == 0)
#endif
}
