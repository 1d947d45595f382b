// Twin of quote/estimate.py
export class EstimateError extends Error{constructor(code,key){super(code+': '+key);Object.assign(this,{code,key})}}
const fail=(c,k)=>{throw new EstimateError(c,k)},
has=(o,k)=>({}).hasOwnProperty.call(o,k),
whole=(v,lo,hi)=>Number.isInteger(v)&&v>=lo&&v<=hi,
byId=c=>new Map(c.services.map(s=>[s.id,s])),
replaced=p=>p.tiers.flatMap(t=>t.includes.map(i=>i.service)),
rank=(s,t)=>s.tiers[0]?s.tiers.findIndex(x=>x.id===t):0,
split=(gross,bp,d=2e4+2*bp,n=2e4*gross+d/2,net=(n-n%d)/d)=>({gross,net,vat:gross-net});
function check(c,sel){
 const ids=byId(c),got=new Map(),months=has(sel,'months')?sel.months:3;
 for(const k of Object.keys(sel))if(k!='months'&&!ids.has(k))fail('unknown_service',k);
 for(const{id,tiers,quantity}of c.services){
  const v=sel[id];
  if(!has(sel,id))continue;
  if(tiers[0])got.set(id,[tiers.find(t=>t.id===v)||fail('unknown_tier',id),1]);
  else if(quantity)whole(v,0,99)?v&&got.set(id,[null,v]):fail('bad_quantity',id);
  else if(typeof v!='boolean')fail('not_a_toggle',id);
  else if(v)got.set(id,[null,1]);
 }
 whole(months,1,12)||fail('bad_months','months');
 for(const p of c.services)if(p.package&&got.has(p.id))for(const{id}of c.services)if(got.has(id)&&replaced(p).includes(id))fail('package_conflict',id);
 return[got,months];
}
export function estimate(c,sel){
 const[got,months]=check(c,sel),ids=byId(c),sum={once:0,monthly:0},lines=[],bp=c.vat_bp;
 for(const[id,[t,quantity]]of got){
  const{billing,price}=ids.get(id),amount=(t?t.price:price)*quantity;
  sum[billing]+=amount;
  lines.push({service:id,tier:t&&t.id,quantity,billing,amount});
 }
 const{monthly:m,once:o}=sum,keys=[...got.keys()],mine=keys.filter(id=>ids.get(id).billing=='monthly'),
 at=(id,t)=>rank(ids.get(id),t),now=id=>at(id,got.get(id)[0]?.id);
 let best,pkg,suggestion=null;
 if(mine[0]&&!keys.some(id=>ids.get(id).package))for(const p of c.services)if(p.package)for(const t of p.tiers){
  const offer=new Map(t.includes.map(i=>[i.service,i.tier]));
  if(t.price<m&&!(best?.price<=t.price)&&mine.every(id=>offer.has(id)&&at(id,offer.get(id))>=now(id)))[best,pkg]=[t,p];
 }
 if(best)suggestion={service:pkg.id,tier:best.id,price:best.price,saving:m-best.price,
  adds:best.includes.filter(i=>!got.has(i.service)||at(i.service,i.tier)>now(i.service)).map(({service,tier})=>({service,tier}))};
 return{months,lines,monthly:split(m,bp),once:split(o,bp),first_month:split(m+o,bp),period:split(o+m*months,bp),suggestion};
}
export function formatCents(c){
 const a=Math.abs(c),r=a%100;
 return(c<0?'-':'')+String((a-r)/100).replace(/\B(?=(\d{3})+$)/g,'\xa0')+(r?','+String(r).padStart(2,'0'):'')+'\xa0€';
}
export function formatEstimate(r){
 const f={};
 for(const k of['monthly','once','first_month','period'])for(const x of['','_net','_vat'])f[k+x]=formatCents(r[k][x.slice(1)||'gross']);
 if(r.suggestion)f.saving=formatCents(r.suggestion.saving);
 return f;
}
export function parseQuery(c,qs){
 const got=new Map(),sel={};
 let months=3;
 for(const[k,v]of new URLSearchParams(qs)){
  const s=byId(c).get(k),n=/^[0-9]{1,2}$/.test(v)?+v:-1,x=k=='months'||!s?n:s.tiers[0]?v:s.quantity?n:{1:true,0:false}[v];
  try{check(c,{[k]:x});k=='months'?months=x:got.set(k,x)}catch{}
 }
 for(const p of c.services)if(p.package&&got.get(p.id))for(const r of replaced(p))got.delete(r);
 for(const{id}of c.services)if(got.get(id))sel[id]=got.get(id);
 sel.months=months;
 return sel;
}
export function toQuery(c,sel){
 const[got,months]=check(c,sel),e=encodeURIComponent;
 return[...[...got].map(([id,[t,q]])=>e(id)+'='+e(t?t.id:q)),'months='+months].join('&');
}
