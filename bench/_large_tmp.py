import statistics, sys, time
from pathlib import Path
from bench.measure import run_process, ktv_command
from bench.run import floor_load
root=Path("bench/out/data-10000-warn")
fl=[];ck=[];cpu=[]
for _ in range(int(sys.argv[1]) if len(sys.argv)>1 else 5):
    t=time.perf_counter(); floor_load(root); fl.append(time.perf_counter()-t)
    r=run_process([*ktv_command(),"--data",str(root),"check"]); ck.append(r.seconds); cpu.append(r.cpu)
print(f"floor {statistics.median(fl):.3f} check {statistics.median(ck):.3f} cpu {statistics.median(cpu):.3f} ratio {statistics.median(ck)/statistics.median(fl):.3f}")
