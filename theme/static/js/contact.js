// See partials/contact_form.html
const D=document,form=D.getElementById('kontaktforma');
if(form){
const el=form.elements,$=q=>form.querySelector(q),$$=q=>form.querySelectorAll(q),sum=$('#quote-summary'),ok=$('#kf-ok'),err=$('#kf-err'),
show=(box,text)=>{if(text)box.textContent=text;box.hidden=false;box.focus()},
quote=(query='',lines=[])=>{el.quote.value=query;sum.querySelector('ul').replaceChildren(...lines.map(t=>Object.assign(D.createElement('li'),{textContent:t})));sum.hidden=!query};
let busy;
el.ts.value=Math.round(performance.timeOrigin);
D.addEventListener('quote-change',({detail:d})=>quote(d?.query,d?.lines));
D.dispatchEvent(new Event('quote-request'));
sum.querySelector('button').onclick=()=>{quote();el.message.focus()};
form.onsubmit=async e=>{
 e.preventDefault();
 if(busy)return;
 busy=ok.hidden=err.hidden=true;
 for(const p of $$('.field-error'))p.textContent='';
 for(const x of $$('[aria-invalid]'))x.removeAttribute('aria-invalid');
 let res,first,general;
 try{res=await fetch(form.action,{method:'POST',body:new URLSearchParams(new FormData(form)),headers:{Accept:'application/json'}})}
 catch{return form.submit()}
 finally{busy=false}
 if(res.ok){form.reset();return show(ok)}
 for(const{field,message}of(await res.json().catch(()=>({}))).errors||[]){
  const box=field&&D.getElementById(`kf-${field}-err`),inputs=$$(`[name="${field}"]`);
  if(!box)general||=message;
  else{box.textContent=message;for(const x of inputs)x.setAttribute('aria-invalid',true);first||=inputs[0]}
 }
 show(err,general||err.dataset[first?'invalid':'fail']);
 if(!general)first?.focus();
};
}
