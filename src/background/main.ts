console.log("downwatch background: booting");
