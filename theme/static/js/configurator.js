// See partials/configurator.html
const D=document,f=D.getElementById('konfigurators'),NB='\xa0',KEYS=['monthly','once','first_month','period'],NAMES=['Ik mēnesi','Vienreizēji','Pirmajā mēnesī'];
if(f){
const[E,cat]=await Promise.all([import('./estimate.js'),fetch(f.dataset.catalog,{priority:'low'}).then(r=>r.json())]),
F=E.formatCents,svc=cat.services,el=f.elements,by={},bp=cat.vat_bp,$=q=>f.querySelector(q),$$=q=>f.querySelectorAll(q),
esc=t=>t.replace(/&/g,'&amp;').replace(/</g,'&lt;'),
list=a=>a.map(t=>`<li>${esc(t)}</li>`).join(''),
clamp=(v,lo,hi)=>Math.min(hi,Math.max(lo,parseInt(v)||0)),
tier=t=>/^\d+$/.test(t)?t+'. līmenis':`„${t}”`,
label=(id,t)=>by[id].name+(t?' — '+tier(t):''),
unit=s=>s.unit?`${NB}/${NB}${s.unit}`:'',
vat=String(bp/100).replace('.',',')+NB+'%',
net=(g,d=2e4+2*bp,n=2e4*g+d/2)=>(n-n%d)/d,
opt=(type,s,v,t)=>`<label class=check><input type=${type} name=${s.id} value="${v}"><span>${t}</span></label>`,
price=(s,c=s.price)=>`<span data-c=${c}></span>`+unit(s),
field=(s,n=esc(s.name))=>s.tiers[0]?`<fieldset><legend>${n}</legend>`+opt('radio',s,'',s.package?'Bez paketes':'Bez šī pakalpojuma')+
 s.tiers.map(t=>opt('radio',s,t.id,`<b>${tier(t.id)}</b> · ${price(s,t.price)}<small>${esc(t.summary)}</small>`)).join('')+'</fieldset>'
 :s.quantity?`<label>${n}<small>${price(s)}</small><input type=number name=${s.id} min=0 max=99 inputmode=numeric></label>`
 :opt('checkbox',s,1,`<b>${n}</b> · ${price(s)}`),
group=(legend,billing)=>`<fieldset><legend>${legend}</legend>${svc.filter(s=>s.billing==billing).map(s=>field(s)).join('')}</fieldset>`,
read=()=>{
 const sel={months:clamp(el.months.value,1,12)};
 for(const p of svc)if(p.package)for(const t of p.tiers)for(const i of t.includes)for(const c of $$(`[name="${i.service}"]`))c.disabled=!!el[p.id].value;
 for(const s of svc){
  const e=el[s.id],v=s.quantity?clamp(e.value,0,99):s.tiers[0]?!e[0].disabled&&e.value:!e.disabled&&e.checked;
  if(v)sel[s.id]=v;
 }
 return sel;
},
send=()=>D.dispatchEvent(new CustomEvent('quote-change',{detail:quote})),
update=()=>{
 const sel=read(),r=result=E.estimate(cat,sel),fm=E.formatEstimate(r),sg=r.suggestion,mo=sel.months,isNet=el.net.checked,
 m=c=>F(isNet?net(c):c),[a,b,w,o]=isNet?['_net','','bez','ar']:['','_net','ar','bez'],
 budget=clamp(el['ad-budget'].value,0,999999),bud=budget&&`Reklāmu budžets: ${F(budget*100)} mēnesī (maksā platformām; summās un PVN nav iekļauts)`,
 q=E.toQuery(cat,sel)+(isNet?'&net=1':'')+(budget?'&ad-budget='+budget:''),
 lines=mf=>r.lines.map(({service:id,tier,quantity:n,billing,amount},_,__,s=by[id],u=unit(s))=>
  label(id,tier)+(s.quantity?` — ${n} × ${mf(s.price)}${u}`:'')+': '+mf(amount)+(billing=='monthly'?u:' (vienreiz)')+
  (s.package?'; iekļauts: '+s.tiers.find(t=>t.id==tier).includes.map(i=>label(i.service,i.tier)).join(', '):'')),
 nm=i=>NAMES[i]||`Par ${mo} ${mo==1?'mēnesi':'mēnešiem'}`,
 sum=r.lines[0]?lines(F).concat(KEYS.map((k,i)=>`${nm(i)}: ${fm[k]} ar PVN (${fm[k+'_net']} bez PVN)`),bud||[]):[];
 history.replaceState(null,'',(q=='months=3'?location.pathname:'?'+q)+location.hash);
 f.classList.toggle('net',isNet);
 $('.cfg-bar span').textContent=`Cenas norādītas ${w} PVN${isNet?'':' '+vat}.`;
 for(const e of $$('[data-c]'))e.textContent=m(+e.dataset.c);
 $('.cfg-sel').innerHTML=`<p class=cfg-print>Datums: <span data-date>${new Date().toLocaleDateString('lv',{dateStyle:'long'})}</span></p>`+
  `<h4>Izvēlēts</h4><ul>${list(r.lines[0]?lines(m):['Vēl nekas nav izvēlēts.'])}</ul>`;
 $('.cfg-out').innerHTML=KEYS.map((k,i)=>`<p class=cfg-row><span>${nm(i)} (${w} PVN)</span> `+
  `<output name=${k.replace('_','-')}>${fm[k+a]}</output><small>${o} PVN <span data-o=${k}>${fm[k+b]}</span> · PVN ${vat} <span data-v=${k}>${fm[k+'_vat']}</span></small></p>`).join('')+
  (sg?`<p class="notice cfg-sug">„${esc(label(sg.service,sg.tier))}” sedz tavu izvēli par ${m(sg.price)} mēnesī — ietaupījums ${
  F(isNet?r.monthly.net-net(sg.price):sg.saving)} mēnesī.${sg.adds[0]?' Papildus iegūsti: '+esc(sg.adds.map(x=>label(x.service,x.tier)).join('; '))+'.':''} `+
  '<button type=button data-act=apply>Izvēlēties paketi</button></p>':'')+(bud?`<p class=cfg-budget>${bud}.</p>`:'');
 $('.cfg-copied').textContent='';
 quote={query:sum[0]?q:'',lines:sum};
 send();
},
act={
 apply(c=$(`[name="${result.suggestion.service}"][value="${result.suggestion.tier}"]`)){c.checked=true;update();c.focus()},
 async copy(t='Saite nokopēta'){try{await navigator.clipboard.writeText(location.href)}catch{t='Neizdevās nokopēt: nokopē adresi no pārlūka adreses joslas.'}$('.cfg-copied').textContent=t},
 request(h=D.getElementById('kontaktforma')?.closest('section').querySelector('h2')){send();if(h){h.tabIndex=-1;h.focus()}},
},
params=new URLSearchParams(location.search),s0=E.parseQuery(cat,location.search);
let quote,result;
for(const s of svc)by[s.id]=s;
$('.cfg-choices').insertAdjacentHTML('afterbegin',group('Ikmēneša pakalpojumi','monthly')+group('Vienreizējie pakalpojumi','once'));
for(const s of svc){
 const e=el[s.id],v=s0[s.id];
 if(s.quantity)e.value=v||0;
 else if(s.tiers[0])v?e.value=v:e[0].checked=true;
 else e.checked=!!v;
}
el.months.value=s0.months;
el.net.checked=params.get('net')=='1';
el['ad-budget'].value=clamp(params.get('ad-budget'),0,999999)||'';
f.oninput=update;
f.onchange=({target:t})=>{if(t.type=='number'){t.value=clamp(t.value,+t.min,+t.max)||(t.name=='ad-budget'?'':0);update()}};
f.onclick=e=>act[e.target.closest('[data-act]')?.dataset.act]?.();
onbeforeprint=update;
D.addEventListener('quote-request',send);
update();
D.getElementById('cfg-nojs').remove();
f.hidden=false;
D.addEventListener('DOMContentLoaded',send);
}
