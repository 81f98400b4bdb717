import re,sys,collections
# WAL per atom batch and per turn from wal-by-relation.sh's dump: usage wal-by-transaction.py <tag> <dir>
tag,out=sys.argv[1],sys.argv[2]
names=dict(l.split('|',1) for l in open(f'{out}/wal-probe-{tag}.rels').read().split('\n') if '|' in l)
tx=collections.defaultdict(lambda: collections.Counter()); txb=collections.Counter()
for line in open(f'{out}/wal-probe-{tag}.dump'):
    m=re.search(r'len \(rec/tot\):\s*(\d+)/\s*(\d+), tx:\s*(\d+)',line)
    if not m: continue
    t=int(m.group(2)); x=m.group(3)
    r=re.search(r'blkref #0: rel (\d+)/(\d+)/(\d+)',line)
    key=names.get(r.group(3),'?') if r else 'commit/other'
    tx[x][key]+=1; txb[x]+=t
    tx[x]['bytes:'+key]+=t
kinds=collections.defaultdict(list)
for x,c in tx.items():
    if c['session_atoms']>0 and c['session_events']>0: kinds['atom batch'].append(x)
    elif c['session_events']==1 and c['session_atoms']==0 and c['realtime_sessions']>=1 and c['?']==0: kinds['single-entry (turn)'].append(x)
for k,xs in kinds.items():
    tot=sum(txb[x] for x in xs); n=len(xs)
    ev=sum(tx[x]['session_events'] for x in xs)
    per=collections.Counter()
    for x in xs:
        for kk,v in tx[x].items():
            if kk.startswith('bytes:'): per[kk[6:]]+=v
    print(f"{tag} {k}: {n} transactions, {ev} chain entries, {tot} bytes, {tot/n:.0f} B/transaction, {tot/ev:.0f} B/entry")
    print("   ", ", ".join(f"{kk} {v/ev:.0f}" for kk,v in per.most_common(8)))
