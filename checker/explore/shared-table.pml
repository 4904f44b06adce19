/**
 * How the parallel search's visited set grows (checker/explore/shared-table.ts), as a Promela
 * model for SPIN: participants claim states; a claim that fills the table asks for a growth, and
 * the participant that asked moves every fingerprint into a table twice the size once every
 * other participant still in the search has stopped for it. The properties: no participant is
 * inside a claim (reading or writing slots) while the slots move, and nobody waits for good
 * (SPIN's invalid end states).
 *
 * Each statement is one shared-memory access of shared-table.ts, so SPIN interleaves them as the
 * threads can; a claim's probing is one region (`claiming`), since what matters is only that it
 * never overlaps a growth. Any claim may fill the table (the model does not count slots), up to
 * MAX_GROWTHS growths. test/checker/explore/shared-table-protocol.test.ts runs it, and with
 * -DLIFT_BEFORE_RESET (the request lifted before the arrivals are reset) sees SPIN find a claim
 * that overlaps a growth, and a participant left waiting.
 *
 *   spin -a [-DN=2] shared-table.pml && cc -DSAFETY -o pan pan.c && ./pan
 */
#ifndef N
#define N 3 /* participants */
#endif
#define CLAIMS 3 /* each participant's */
#define MAX_GROWTHS 2

byte log2 = 0;     /* growths so far: the size a request names is log2 + 1 */
byte request = 0;  /* REQUEST: the size asked for, 0 when none */
byte arrived = 0;  /* ARRIVED: participants stopped for the request, the asker included */
byte searching = N; /* ACTIVE: participants still in the search */
byte claiming = 0; /* participants inside a claim */
bool moving = false; /* the slots are being moved */

/* stopForGrowth(asked): count this participant stopped, and wait until that request is over */
inline stopForGrowth(asked) {
  arrived++;
  (request != asked)
}

proctype participant() {
  byte claims = CLAIMS;
  byte asked;
  byte l;
  do
  :: claims > 0 ->
     /* letGrow(), first thing in every claim */
     asked = request;
     if
     :: asked != 0 -> stopForGrowth(asked)
     :: else -> skip
     fi;
     d_step { claiming++; assert(!moving) };
     d_step { claiming--; claims-- };
     /* the claim filled three quarters of the table, or it did not */
     if
     :: log2 < MAX_GROWTHS ->
        /* grow(): read the size, then ask for twice it by a compare-and-swap of REQUEST */
        l = log2;
        if
        :: atomic { request == 0 -> request = l + 1 } ->
           arrived++;
           (arrived >= searching);
           moving = true;
           /* nobody claims while the slots move, and the size read before asking is still the size */
           assert(claiming == 0 && log2 == l);
           log2 = l + 1;
           moving = false;
#ifndef LIFT_BEFORE_RESET
           arrived = 0;
           request = 0
#else
           /* the wrong order, for a test to see SPIN catch it: a participant let go asks for the
              next growth and finds this one's arrivals still counted */
           request = 0;
           arrived = 0
#endif
        :: atomic { request != 0 -> asked = request } ->
           /* another participant asked first: the compare-and-swap returned its request */
           stopForGrowth(asked)
        fi
     :: true -> skip
     fi
  :: claims == 0 -> break
  od;
  /* leave() */
  searching--
}

init {
  byte i;
  atomic {
    for (i : 1 .. N) { run participant() }
  }
}
